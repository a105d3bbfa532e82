package io.github.loopbackfastpath.jdk;

import java.io.File;
import java.util.Map;

import com.sun.jna.JNIEnv;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

/**
 * Reads an {@code int} field of a Java object through JNI, which module encapsulation
 * does not apply to: {@code JNU_GetFieldByName} of the JDK's own native library
 * ({@code libjava}; {@code java.dll} on Windows), called through JNA's direct mapping
 * with the current {@code JNIEnv} and the object as a {@code jobject}. The field's name
 * and signature are native strings made once, so a call allocates nothing.
 * <p>
 * A missing library or symbol fails {@link #bind}; a field that does not exist makes the
 * call throw {@code NoSuchFieldError}. Nothing here is loaded until a socket needs it.
 *
 * @author Loopback Fast Path contributors
 */
final class JniFieldReader {

	static final String SYMBOL = "JNU_GetFieldByName";

	private final Memory name;

	private final Memory signature;

	private JniFieldReader(String field) {
		this.name = nativeString(field);
		this.signature = nativeString("I");
	}

	/**
	 * Bind {@code JNU_GetFieldByName} of the JDK running this code.
	 * @param field the name of the {@code int} field to read
	 * @return the reader
	 * @throws UnsatisfiedLinkError if the library or the symbol is missing
	 */
	static JniFieldReader bind(String field) {
		return bind(jdkLibrary(), SYMBOL, field);
	}

	/**
	 * Bind a symbol of a library, a seam for the failures no JDK here produces.
	 * @param library the library's path
	 * @param symbol the symbol, {@code JNU_GetFieldByName} but in tests
	 * @param field the name of the {@code int} field to read
	 * @return the reader
	 * @throws UnsatisfiedLinkError if the library or the symbol is missing
	 */
	static JniFieldReader bind(String library, String symbol, String field) {
		NativeLibrary jdk = NativeLibrary.getInstance(library, Map.of(Library.OPTION_ALLOW_OBJECTS, Boolean.TRUE));
		// Fails with a clear message when the symbol is missing, before
		// anything is registered
		jdk.getFunction(symbol);
		Binding.register(jdk, symbol);
		return new JniFieldReader(field);
	}

	/**
	 * The path of the JDK's own native library.
	 * @return {@code <java.home>/lib/libjava.so} (or {@code .dylib}), or
	 * {@code <java.home>\bin\java.dll}
	 */
	static String jdkLibrary() {
		String home = System.getProperty("java.home");
		if (Platform.isWindows()) {
			return home + File.separator + "bin" + File.separator + "java.dll";
		}
		return home + File.separator + "lib" + File.separator + (Platform.isMac() ? "libjava.dylib" : "libjava.so");
	}

	/**
	 * Read the field.
	 * @param target the object
	 * @return the field's value
	 * @throws NoSuchFieldError if the object's class has no such {@code int} field
	 */
	int read(Object target) {
		// JNU_GetFieldByName returns a jvalue, an 8-byte union returned in a
		// register: its int member is the low half
		return (int) Binding.call(target, this.name, this.signature);
	}

	private static Memory nativeString(String value) {
		Memory memory = new Memory(value.length() + 1L);
		memory.setString(0, value);
		return memory;
	}

	/**
	 * The directly mapped function. Registered once per JVM, on first use.
	 */
	private static final class Binding {

		private static volatile boolean registered;

		private Binding() {
		}

		static synchronized void register(NativeLibrary library, String symbol) {
			if (registered) {
				return;
			}
			if (!SYMBOL.equals(symbol)) {
				throw new UnsatisfiedLinkError("Only " + SYMBOL + " can be bound, not " + symbol);
			}
			Native.register(Binding.class, library);
			registered = true;
		}

		static long call(Object target, Pointer name, Pointer signature) {
			return JNU_GetFieldByName(JNIEnv.CURRENT, null, target, name, signature);
		}

		private static native long JNU_GetFieldByName(JNIEnv env, @Nullable Pointer hasException, Object object,
				Pointer name, Pointer signature);

	}

}
