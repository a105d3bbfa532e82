package io.github.loopbackfastpath;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import io.github.loopbackfastpath.reflect.InternalFields;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The rules the main code keeps, as Spring Boot's build checks its own modules: no
 * package cycle, the auto-configuration imported by nothing else, the Winsock binding
 * only by the platform packages, no hook or engine import of the reports, one class for
 * other libraries' private fields, three for their methods, one for JNI, and the layers
 * the README describes; and the rules of Spring Boot's own build that apply here: public
 * final auto-configurations, static post-processor bean methods, no redundant
 * {@code @Order}, and one convention for ordering auto-configurations.
 */
class ArchitectureTests {

	private static final String ROOT = "io.github.loopbackfastpath";

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages(ROOT);

	private static final String[] WIRING = { ROOT + ".autoconfigure..", ROOT + ".unixdomain.autoconfigure.." };

	@Test
	void noPackageCycles() {
		SlicesRuleDefinition.slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void onlyTheAutoConfigurationImportsTheAutoConfiguration() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideOutsideOfPackages(WIRING)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(WIRING)
			.check(MAIN);
	}

	@Test
	void onlyThePlatformPackagesKnowWinsock() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideOutsideOfPackage(ROOT + ".platform..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT + ".platform.winsock..")
			.check(MAIN);
	}

	@Test
	void layers() {
		ArchRule layers = Architectures.layeredArchitecture()
			.consideringOnlyDependenciesInLayers()
			.layer("Records")
			.definedBy(ROOT + ".registry..")
			.layer("Platform")
			.definedBy(ROOT + ".platform..")
			.layer("Reflection")
			.definedBy(ROOT + ".reflect..")
			.layer("JDK")
			.definedBy(ROOT + ".jdk..")
			.layer("Engine")
			.definedBy(ROOT + ".engine..")
			.layer("Hooks")
			.definedBy(ROOT + ".server..", ROOT + ".client..", ROOT + ".grpc..", ROOT + ".netty..")
			.layer("Same-host mode")
			.definedBy(sameHostMode())
			.layer("Reports")
			.definedBy(ROOT + ".report..", ROOT + ".actuate..")
			.layer("Wiring")
			.definedBy(WIRING)
			.whereLayer("Wiring")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Reports")
			.mayOnlyBeAccessedByLayers("Wiring")
			.whereLayer("Same-host mode")
			.mayOnlyBeAccessedByLayers("Reports", "Wiring")
			.whereLayer("Hooks")
			.mayOnlyBeAccessedByLayers("Same-host mode", "Wiring")
			.whereLayer("Engine")
			.mayOnlyBeAccessedByLayers("Hooks", "Reports", "Wiring")
			.whereLayer("JDK")
			.mayOnlyBeAccessedByLayers("Engine", "Hooks", "Same-host mode", "Reports", "Wiring")
			.whereLayer("Platform")
			.mayOnlyBeAccessedByLayers("JDK", "Engine", "Hooks", "Same-host mode", "Reports", "Wiring")
			.whereLayer("Reflection")
			.mayOnlyBeAccessedByLayers("JDK", "Hooks");
		layers.check(MAIN);
	}

	@Test
	void noHookOrEngineImportsTheReports() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideInAnyPackage(ROOT + ".engine..", ROOT + ".server..", ROOT + ".client..", ROOT + ".grpc..",
					ROOT + ".netty..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ROOT + ".report..")
			.check(MAIN);
	}

	@Test
	void oneClassReadsAndWritesPrivateFields() {
		ArchRuleDefinition.noClasses()
			.that()
			.doNotBelongToAnyOf(InternalFields.class)
			.should()
			.dependOnClassesThat()
			.belongToAnyOf(Field.class)
			.check(MAIN);
	}

	@Test
	void threeClassesCallOtherLibrariesMethodsReflectively() {
		ArchRuleDefinition.noClasses()
			.that()
			.doNotHaveFullyQualifiedName(ROOT + ".grpc.GrpcNettyInternals")
			.and()
			.doNotHaveFullyQualifiedName(ROOT + ".netty.NettyChannels")
			.and()
			.doNotHaveFullyQualifiedName(ROOT + ".jdk.SunNioCh")
			.should()
			.dependOnClassesThat()
			.belongToAnyOf(Method.class, MethodHandles.Lookup.class)
			.check(MAIN);
	}

	@Test
	void onlyTheJniFieldReaderReachesIntoObjectsThroughJni() {
		ArchRuleDefinition.noClasses()
			.that()
			.haveNameNotMatching("io\\.github\\.loopbackfastpath\\.jdk\\.JniFieldReader(\\$.*)?")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("com.sun.jna.JNIEnv")
			.check(MAIN);
	}

	@Test
	void autoConfigurationsArePublicAndFinal() {
		ArchRuleDefinition.classes()
			.that()
			.areAnnotatedWith(AutoConfiguration.class)
			.or()
			.areAnnotatedWith(ManagementContextConfiguration.class)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL)
			.check(MAIN);
	}

	// One convention for ordering: within a package by class, across packages by name,
	// so that neither wiring package imports the other
	@Test
	void theTwoWiringPackagesImportNothingOfEachOther() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage(ROOT + ".autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT + ".unixdomain.autoconfigure..")
			.check(MAIN);
		ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage(ROOT + ".unixdomain.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT + ".autoconfigure..")
			.check(MAIN);
	}

	// A post-processor bean made by an instance method initializes its configuration
	// class, and what that class needs, before they can be post-processed
	@Test
	void postProcessorBeanMethodsAreStatic() {
		ArchRuleDefinition.methods()
			.that()
			.areAnnotatedWith(Bean.class)
			.and()
			.haveRawReturnType(JavaClass.Predicates.assignableTo(BeanPostProcessor.class)
				.or(JavaClass.Predicates.assignableTo(BeanFactoryPostProcessor.class)))
			.should()
			.beStatic()
			.allowEmptyShould(true)
			.check(MAIN);
	}

	// The lowest precedence is what an unordered bean or class has already
	@Test
	void noRedundantOrder() {
		ArchRuleDefinition.noClasses().should().beAnnotatedWith(lowestPrecedence()).check(MAIN);
		ArchRuleDefinition.noMethods().should().beAnnotatedWith(lowestPrecedence()).check(MAIN);
	}

	private static DescribedPredicate<JavaAnnotation<?>> lowestPrecedence() {
		return DescribedPredicate.describe("@Order(Ordered.LOWEST_PRECEDENCE)",
				(annotation) -> annotation.getRawType().isEquivalentTo(Order.class)
						&& Integer.valueOf(Ordered.LOWEST_PRECEDENCE).equals(annotation.get("value").orElse(null)));
	}

	private static DescribedPredicate<JavaClass> sameHostMode() {
		return JavaClass.Predicates.resideInAPackage(ROOT + ".unixdomain..")
			.and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(WIRING)))
			.as("the same-host mode");
	}

}
