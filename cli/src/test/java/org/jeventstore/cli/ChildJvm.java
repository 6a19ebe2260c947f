package org.jeventstore.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A JVM of its own running the jar's main class on the test class path, as {@code java -jar} would. */
final class ChildJvm {

    private ChildJvm() {
    }

    /** The command line: this JVM's java, the given JVM options, {@link Main}, then {@code args}. */
    static ProcessBuilder main(List<String> jvmOptions, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
