package dev.loginharness.cli;

import dev.loginharness.api.ConfigurationError;
import dev.loginharness.secret.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the password comes from. There is deliberately no {@code --password VALUE}: a value on the
 * command line is visible to every user of the machine in {@code ps}.
 */
final class PasswordSource {
  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "Read the password from environment variable VAR.")
  String env;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "Read the password from FILE (first line).")
  Path file;

  @Option(
      names = "--password-stdin",
      description = "Read the password from the first line of stdin.")
  boolean stdin;

  Secret read() throws ConfigurationError {
    if (env != null) {
      String value = System.getenv(env);
      if (value == null || value.isEmpty()) {
        throw new ConfigurationError(
            "--password-env " + env + ": that environment variable is not set or empty");
      }
      return Secret.of(value);
    }
    if (file != null) {
      try {
        return Secret.of(
            firstLine(Files.readString(file, StandardCharsets.UTF_8), "--password-file " + file));
      } catch (IOException e) {
        throw new ConfigurationError(
            "--password-file " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
      }
    }
    try {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return Secret.of(firstLine(line == null ? "" : line, "--password-stdin"));
    } catch (IOException e) {
      throw new ConfigurationError("--password-stdin: cannot read standard input");
    }
  }

  private static String firstLine(String text, String source) throws ConfigurationError {
    int nl = text.indexOf('\n');
    String line = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "");
    if (line.isEmpty()) {
      throw new ConfigurationError(source + ": the password is empty");
    }
    return line;
  }
}
