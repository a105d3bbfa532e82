package io.github.loopbackfastpath.reflect;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes a library's private field by name, declared on a type or one of its
 * superclasses. Each field is looked up and made accessible once: some are read per
 * connection or per channel.
 *
 * @author Loopback Fast Path contributors
 */
public final class InternalFields {

	private static final Map<String, Field> FIELDS = new ConcurrentHashMap<>();

	private InternalFields() {
	}

	/**
	 * Read a field.
	 * @param type the type that declares the field, or a subclass of it
	 * @param name the field's name
	 * @param target the object, or {@code null} for a static field
	 * @return the value
	 * @throws ReflectiveOperationException if there is no such field or it cannot be read
	 */
	public static @Nullable Object read(Class<?> type, String name, @Nullable Object target)
			throws ReflectiveOperationException {
		return field(type, name).get(target);
	}

	/**
	 * Read an {@code int} field.
	 * @param type the type that declares the field, or a subclass of it
	 * @param name the field's name
	 * @param target the object
	 * @return the value
	 * @throws ReflectiveOperationException if there is no such field or it cannot be read
	 */
	public static int readInt(Class<?> type, String name, Object target) throws ReflectiveOperationException {
		return field(type, name).getInt(target);
	}

	/**
	 * Read a static {@code boolean} field.
	 * @param type the type that declares the field
	 * @param name the field's name
	 * @return the value
	 * @throws ReflectiveOperationException if there is no such field or it cannot be read
	 */
	public static boolean readStaticBoolean(Class<?> type, String name) throws ReflectiveOperationException {
		return field(type, name).getBoolean(null);
	}

	/**
	 * Write a field.
	 * @param type the type that declares the field, or a subclass of it
	 * @param name the field's name
	 * @param target the object
	 * @param value the new value
	 * @throws ReflectiveOperationException if there is no such field or it cannot be
	 * written
	 */
	public static void write(Class<?> type, String name, Object target, @Nullable Object value)
			throws ReflectiveOperationException {
		field(type, name).set(target, value);
	}

	private static Field field(Class<?> type, String name) throws NoSuchFieldException {
		String key = type.getName() + "#" + name;
		Field field = FIELDS.get(key);
		if (field == null) {
			field = declared(type, name);
			field.setAccessible(true);
			FIELDS.put(key, field);
		}
		return field;
	}

	private static Field declared(Class<?> type, String name) throws NoSuchFieldException {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			try {
				return candidate.getDeclaredField(name);
			}
			catch (NoSuchFieldException ex) {
				// look in the superclass
			}
		}
		throw new NoSuchFieldException(type.getName() + "." + name);
	}

}
