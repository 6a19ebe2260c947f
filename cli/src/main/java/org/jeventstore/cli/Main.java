package org.jeventstore.cli;

import picocli.CommandLine;

/** The entry point of {@code java -jar jeventstore.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(JEventStoreCommand.commandLine().execute(args));
    }
}
