package io.github.loopbackfastpath.test;

import java.util.function.Predicate;

/**
 * A class path without JNA for {@code FilteredClassLoader}: its classes and its class
 * files as resources, since the starter looks for JNA as a resource (so that it loads no
 * JNA class when everything is off).
 */
public final class WithoutJna {

	/**
	 * Hides JNA's classes and resources.
	 */
	public static final Predicate<String> FILTER = (name) -> name.startsWith("com.sun.jna")
			|| name.startsWith("com/sun/jna");

	private WithoutJna() {
	}

}
