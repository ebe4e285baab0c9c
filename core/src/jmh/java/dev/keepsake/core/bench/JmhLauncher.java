package dev.keepsake.core.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What {@code mvn -Pbench} runs in each module with benchmarks (core, jvm and server; the root
 * POM's {@code bench} profile): JMH's own command line ({@code org.openjdk.jmh.Main}, same
 * arguments), with three differences that let one command cover every module. It runs only the
 * module's own benchmarks (those of {@code target/test-classes/META-INF/BenchmarkList}; JMH would
 * also run those of core's test-jar, on jvm's and server's test class path). A module none of
 * whose benchmarks match the given patterns says so and succeeds, so {@code -Djmh.args=SomeBenchmark}
 * needs no {@code -pl}. And unless {@code -rff} is given, JMH's summary table is also written to
 * {@code target/jmh-result.txt} of the module. Runs in the module's folder.
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
        ChainedOptionsBuilder options = new OptionsBuilder().parent(command);
        String others = othersThanOwn(Path.of("target", "test-classes", "META-INF", "BenchmarkList"));
        if (others != null) {
            options.exclude(others);
        }
        if (!command.getResult().hasValue()) {
            options.result(new File("target", "jmh-result.txt").getPath())
                    .resultFormat(command.getResultFormat().orElse(ResultFormatType.TEXT));
        }
        try {
            new Runner(options.build()).run();
        } catch (NoBenchmarksException e) {
            System.out.println("No benchmark of this module matches " + command.getIncludes() + ": skipped.");
        } catch (RunnerException e) {
            System.err.println("JMH failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** A pattern matching every benchmark name but those listed in {@code list}, or null without the list. */
    private static String othersThanOwn(Path list) throws IOException {
        if (!Files.exists(list)) {
            return null;
        }
        StringBuilder own = new StringBuilder();
        for (String line : Files.readAllLines(list)) {
            if (!line.isBlank()) {
                String name = new BenchmarkListEntry(line).getUsername();
                own.append(own.length() == 0 ? "" : "|").append(Pattern.quote(name));
            }
        }
        return "^(?!(?:" + own + ")$)";
    }
}
