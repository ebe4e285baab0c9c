package dev.keepsake.core.bench;

import java.io.File;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What {@code mvn -Pbench} runs in each module with benchmarks (core, jvm and server; the root
 * POM's {@code bench} profile): JMH's own command line ({@code org.openjdk.jmh.Main}, same
 * arguments), with two differences that let one command cover every module. A module none of
 * whose benchmarks match the given patterns says so and succeeds, so {@code -Djmh.args=SomeBenchmark}
 * needs no {@code -pl}; and unless {@code -rff} is given, JMH's summary table is also written to
 * {@code target/jmh-result.txt} of the module.
 */
public final class JmhLauncher {

    private JmhLauncher() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions command;
        try {
            command = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("JMH arguments: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (command.shouldHelp() || command.shouldList() || command.shouldListWithParams()
                || command.shouldListProfilers() || command.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Options options = command;
        if (!command.getResult().hasValue()) {
            File result = new File("target", "jmh-result.txt");
            options = new OptionsBuilder().parent(command).result(result.getPath())
                    .resultFormat(command.getResultFormat().orElse(ResultFormatType.TEXT)).build();
        }
        try {
            new Runner(options).run();
        } catch (NoBenchmarksException e) {
            System.out.println("No benchmark of this module matches " + command.getIncludes() + ": skipped.");
        } catch (RunnerException e) {
            System.err.println("JMH failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }
}
