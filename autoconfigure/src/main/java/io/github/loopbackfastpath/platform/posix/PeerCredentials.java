package io.github.loopbackfastpath.platform.posix;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import org.jspecify.annotations.Nullable;

/**
 * The process at the other end of a connected AF_UNIX socket, as the kernel recorded it
 * when the connection was made: {@code SO_PEERCRED} on Linux (process, user and group
 * ids), {@code getpeereid} on macOS and the BSDs (user and group ids, no process id).
 * libc is bound on first use, never at start-up.
 *
 * @param pid the process id, or {@code null} where the OS does not tell
 * @param uid the effective user id
 * @param gid the effective group id
 * @author Loopback Fast Path contributors
 */
public record PeerCredentials(@Nullable Long pid, long uid, long gid) {

	private static final int SOL_SOCKET = 1;

	private static final int SO_PEERCRED = 17;

	private static final int NAME_BUFFER = 16 * 1024;

	/**
	 * Read the credentials of a connected AF_UNIX socket's peer.
	 * @param fd the socket's file descriptor
	 * @return the credentials, or {@code null} if the OS did not tell
	 */
	public static @Nullable PeerCredentials read(int fd) {
		if (Platform.isLinux()) {
			int[] ucred = new int[3];
			IntByReference length = new IntByReference(ucred.length * Integer.BYTES);
			if (Libc.INSTANCE.getsockopt(fd, SOL_SOCKET, SO_PEERCRED, ucred, length) != 0) {
				return null;
			}
			return new PeerCredentials((long) ucred[0], Integer.toUnsignedLong(ucred[1]),
					Integer.toUnsignedLong(ucred[2]));
		}
		if (Platform.isMac() || Platform.isFreeBSD() || Platform.isOpenBSD()) {
			IntByReference uid = new IntByReference();
			IntByReference gid = new IntByReference();
			if (Libc.INSTANCE.getpeereid(fd, uid, gid) != 0) {
				return null;
			}
			return new PeerCredentials(null, Integer.toUnsignedLong(uid.getValue()),
					Integer.toUnsignedLong(gid.getValue()));
		}
		return null;
	}

	/**
	 * Bind libc now, so that the first connection does not wait for it.
	 */
	public static void bind() {
		Libc.INSTANCE.hashCode();
	}

	/**
	 * The name of a user id, through the system's user database (NSS on Linux).
	 * @param uid the user id
	 * @return the name, or {@code null} if it has none
	 */
	public static @Nullable String userName(long uid) {
		Memory entry = new Memory(256);
		Memory buffer = new Memory(NAME_BUFFER);
		PointerByReference result = new PointerByReference();
		int error = Libc.INSTANCE.getpwuid_r((int) uid, entry, buffer, new NativeLong(NAME_BUFFER), result);
		// pw_name is the first member of struct passwd
		return (error == 0 && result.getValue() != null) ? entry.getPointer(0).getString(0) : null;
	}

	/**
	 * The name of a group id, through the system's group database.
	 * @param gid the group id
	 * @return the name, or {@code null} if it has none
	 */
	public static @Nullable String groupName(long gid) {
		Memory entry = new Memory(256);
		Memory buffer = new Memory(NAME_BUFFER);
		PointerByReference result = new PointerByReference();
		int error = Libc.INSTANCE.getgrgid_r((int) gid, entry, buffer, new NativeLong(NAME_BUFFER), result);
		// gr_name is the first member of struct group
		return (error == 0 && result.getValue() != null) ? entry.getPointer(0).getString(0) : null;
	}

	/**
	 * The libc calls; JNA binds them when this interface is first used.
	 */
	interface Libc extends Library {

		/**
		 * The binding.
		 */
		Libc INSTANCE = Native.load(Platform.C_LIBRARY_NAME, Libc.class);

		int getsockopt(int socket, int level, int option, int[] value, IntByReference length);

		int getpeereid(int socket, IntByReference uid, IntByReference gid);

		int getpwuid_r(int uid, Pointer entry, Pointer buffer, NativeLong length, PointerByReference result);

		int getgrgid_r(int gid, Pointer entry, Pointer buffer, NativeLong length, PointerByReference result);

	}

}
