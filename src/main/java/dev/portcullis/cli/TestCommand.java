package dev.portcullis.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code portcullis test}: listed so {@code --help} names every command the launcher takes. The launcher runs the test
 * suite itself ({@code ./mvnw verify} in the source checkout); the jar holds no tests, so run on its own this only
 * says where to run it.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Run the whole test suite (unit, integration and doc tests) from a source checkout: ./portcullis test")
public final class TestCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("portcullis: 'test' runs the test suite from a source checkout (expected: ./portcullis test in "
        + "the repository, which runs ./mvnw verify; the jar holds no tests)");
    return CliFailures.REFUSED;
  }
}
