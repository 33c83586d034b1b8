package cn.canbao.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs {@link QuoteBenchmark} with JMH's usual command line options (e.g. {@code -f 1 -wi 3 -w 2s -i 5 -r 3s
 * -t 1}) and prints the engine's throughput as ratios against the baselines measured in the same run.
 */
public final class QuoteBench {

    private QuoteBench() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        System.out.println(QuoteMix.generate().describe());
        CommandLineOptions cli = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(cli)
                .include(QuoteBenchmark.class.getName() + "\\.")
                .build()).run();

        Map<String, double[]> scores = new TreeMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            label = label.substring(label.lastIndexOf('.') + 1);
            scores.put(label, new double[] {result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError()});
        }
        double[] quote = scores.get("quote");
        double[] read = scores.get("readRequest");
        double[] amount = scores.get("amountOnly");
        System.out.println();
        System.out.println("== quote engine, one thread (ops/s, ± 99.9% CI)");
        scores.forEach((name, s) -> System.out.printf(Locale.ROOT, "  %-12s %,14.0f ± %,.0f%n", name, s[0], s[1]));
        if (quote != null && read != null) {
            System.out.printf(Locale.ROOT, "  a quote costs %.2f× reading its JSON request (readRequest/quote)%n",
                    read[0] / quote[0]);
        }
        if (quote != null && amount != null) {
            System.out.printf(Locale.ROOT, "  a quote costs %.0f× the bare amount arithmetic (amountOnly/quote)%n",
                    amount[0] / quote[0]);
        }
    }
}
