/**
 * What the starter costs: per connection (JMH), per request (wrk against the sample app)
 * and in memory (JOL), and the chart of it.
 */
package io.github.loopbackfastpath.benchmarks;
