package dev.portcullis.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code portcullis image}: listed so {@code --help} names every command the launcher takes. The launcher builds the
 * container image itself ({@code deploy/image/build.sh} in the source checkout: jlink, Debian packages, the jar); run
 * on its own, the jar only says where to run it.
 */
@Command(name = "image", mixinStandardHelpOptions = true,
    description = "Build the container image target/portcullis-image.tar (OCI, no Docker daemon needed) from a "
        + "source checkout: ./portcullis image")
public final class ImageCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("portcullis: 'image' builds the container image from a source checkout (expected: "
        + "./portcullis image in the repository, which needs a JDK's jlink and apt-get; the jar holds no builder)");
    return CliFailures.REFUSED;
  }
}
