package dev.portcullis.cli;

import dev.portcullis.config.ConfigException;
import dev.portcullis.error.GatewayException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * How every command fails: one line on standard error, {@code portcullis: <what is wrong, what was expected>}, and
 * no stack trace unless {@code --debug} was given. A refusal the user can fix (a wrong setting, a port in use, a
 * database that cannot be reached, bad input) exits 2, a missing object 1; anything else is a bug, said as such.
 */
public final class CliFailures implements IExecutionExceptionHandler {

  static final int REFUSED = 2;
  static final int NOT_FOUND = 1;
  private static final int BUG = 1;

  @Override
  public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    boolean debug = debug(parsed);
    if (debug) {
      failure.printStackTrace(err);
    }
    int exit;
    String line;
    if (failure instanceof GatewayException.NotFound) {
      exit = NOT_FOUND;
      line = failure.getMessage();
    } else if (failure instanceof ConfigException || failure instanceof GatewayException
        || failure instanceof IllegalArgumentException) {
      exit = REFUSED;
      line = failure.getMessage();
    } else {
      exit = BUG;
      line = "failed unexpectedly: " + failure + (debug ? "" : " (run again with --debug for the stack trace)");
    }
    err.println("portcullis: " + line);
    err.flush();
    return exit;
  }

  private static boolean debug(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}
