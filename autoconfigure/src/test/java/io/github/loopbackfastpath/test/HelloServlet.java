package io.github.loopbackfastpath.test;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * A servlet that answers "hello" on every path, for servlet containers started by hand.
 */
public final class HelloServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	/**
	 * Registers the servlet on {@code /}.
	 * @return the initializer
	 */
	public static ServletContextInitializer onRoot() {
		return (context) -> context.addServlet("hello", new HelloServlet()).addMapping("/");
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.getWriter().write("hello");
	}

}
