package org.jeventstore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import org.jeventstore.EngineNotFoundException;
import org.jeventstore.spi.StoreUri;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jeventstore} command and its subcommands. Exit codes follow picocli: 0 success, 1 a failure or a
 * finding ({@code verify}, {@code copy}'s check), 2 bad input: a usage error, a malformed or unknown URI, an
 * invalid argument such as a negative checkpoint; 130 when Ctrl-C (SIGINT) ends {@code tail --follow}, as the
 * JVM exits after a signal (128 + 2).
 */
@Command(name = "jeventstore", mixinStandardHelpOptions = true, versionProvider = JEventStoreCommand.Version.class,
        description = "Inspect, tail, verify and copy event stores of any engine, and manage their positions.",
        subcommands = {InfoCommand.class, StreamsCommand.class, ReadCommand.class, TailCommand.class,
                VerifyCommand.class, CopyCommand.class, GenerateCommand.class, PositionsCommand.class, CommandLine.HelpCommand.class})
public final class JEventStoreCommand implements Runnable {

    /** Exit code of a finding: {@code verify} found a defect, {@code copy}'s check found a difference. */
    static final int FINDINGS = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** The command line the jar runs, with its error handling; tests run the same. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new JEventStoreCommand());
        commandLine.setExecutionExceptionHandler(JEventStoreCommand::handle);
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** One line on stderr, secrets masked; the stack trace only with {@code --verbose}. */
    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("jeventstore: " + Printable.of(StoreUri.mask(describe(e))));
        boolean verbose = commandLine.getCommand() instanceof StoreCommand c && c.verbose;
        if (verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(StoreUri.mask(trace.toString()));
        }
        err.flush();
        // A URI no engine serves is bad input like a malformed one.
        return e instanceof IllegalArgumentException || e instanceof EngineNotFoundException
                ? commandLine.getCommandSpec().exitCodeOnInvalidInput()
                : commandLine.getCommandSpec().exitCodeOnExecutionException();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String line = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        return line.replace('\n', ' ').replace('\r', ' ');
    }

    /** The version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = JEventStoreCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"jeventstore " + properties.getProperty("version", "unknown")};
        }
    }
}
