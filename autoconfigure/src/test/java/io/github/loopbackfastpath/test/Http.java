package io.github.loopbackfastpath.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

/**
 * Plain HTTP from the test's side of the loopback interface.
 */
public final class Http {

	private static final HttpClient client = HttpClient.newHttpClient();

	private Http() {
	}

	/**
	 * GET a URL.
	 * @param url the URL
	 * @return the response
	 * @throws Exception on I/O failure
	 */
	public static HttpResponse<String> get(String url) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * GET a URL that answers JSON.
	 * @param url the URL
	 * @return the parsed document
	 * @throws Exception on I/O failure or a status other than 200
	 */
	public static DocumentContext json(String url) throws Exception {
		HttpResponse<String> response = get(url);
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		return JsonPath.parse(response.body());
	}

}
