/**
 * The sample's bench mode ({@code java -jar ... --bench}): the answer to "should I turn
 * this on?" on the machine it runs on. {@code BenchRunner} starts it;
 * {@code LoopbackBench} runs the workloads ({@code ChannelWorkload} on bare JDK channels,
 * {@code HttpBench} and {@code GrpcBench} through the application's own servers, each
 * mode's part a {@code BenchLane}) in {@code Rounds}; {@code Ratio} is the statistics
 * (the geometric mean of the per-round ratios and its 95% interval), {@code Verdicts} and
 * {@code BenchReport} the report (text, JSON and chart). {@code BenchController} and
 * {@code BenchService} are the HTTP and gRPC endpoints the workloads call.
 */
@NullMarked
package io.github.loopbackfastpath.sample.bench;

import org.jspecify.annotations.NullMarked;
