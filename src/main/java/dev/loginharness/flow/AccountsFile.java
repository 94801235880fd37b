package dev.loginharness.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.provider.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the accounts file of {@code mint}: CSV with a header row, or a JSON array of objects (told
 * apart by a leading {@code [}). The whole file is checked before anything runs, so a typo on the
 * last line cannot surface after seven browsers have come and gone.
 *
 * <p>Messages name the file, the line (CSV) or index (JSON) and the field, and never quote a cell's
 * value other than an account name: a password pasted into the wrong column must not end up in a CI
 * log.
 */
public final class AccountsFile {
  static final List<String> FIELDS =
      List.of("account", "username", "password_env", "password_file", "totp_secret_env");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private AccountsFile() {}

  /** Reads {@code file}; a relative {@code password_file} is resolved against its directory. */
  public static List<AccountSpec> read(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          "--accounts " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), dir);
  }

  static List<AccountSpec> parse(String text, String name, Path baseDir) throws ConfigException {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<AccountSpec> accounts =
        body.stripLeading().startsWith("[")
            ? fromJson(body, name, baseDir)
            : fromCsv(body, name, baseDir);
    if (accounts.isEmpty()) {
      throw new ConfigException(name + ": no accounts in it");
    }
    Map<String, String> seen = new HashMap<>();
    for (AccountSpec a : accounts) {
      String first = seen.putIfAbsent(a.account(), a.where());
      if (first != null) {
        // Two rows for one account would race for the same store entry.
        throw new ConfigException(
            a.where()
                + ": account "
                + a.account()
                + " again (first at "
                + first.substring(name.length()).strip()
                + ")");
      }
    }
    return accounts;
  }

  private static List<AccountSpec> fromCsv(String text, String name, Path baseDir)
      throws ConfigException {
    List<CsvRows.Row> rows = CsvRows.parse(text, name);
    if (rows.isEmpty()) {
      throw new ConfigException(
          name
              + ": empty; expected a header row ("
              + String.join(",", FIELDS)
              + ") or a JSON array");
    }
    CsvRows.Row header = rows.get(0);
    List<String> columns = new ArrayList<>();
    for (String column : header.cells()) {
      String key = column.strip();
      checkKey(key, name + " line " + header.line(), "column");
      if (columns.contains(key)) {
        throw new ConfigException(name + " line " + header.line() + ": column " + key + " twice");
      }
      columns.add(key);
    }
    for (String required : List.of("account", "username")) {
      if (!columns.contains(required)) {
        throw new ConfigException(
            name + " line " + header.line() + ": no " + required + " column in the header");
      }
    }
    List<AccountSpec> accounts = new ArrayList<>();
    for (CsvRows.Row row : rows.subList(1, rows.size())) {
      String where = name + " line " + row.line();
      if (row.cells().size() > columns.size()) {
        throw new ConfigException(
            where + ": " + row.cells().size() + " cells, but the header has " + columns.size());
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 0; i < row.cells().size(); i++) {
        fields.put(columns.get(i), row.cells().get(i));
      }
      accounts.add(spec(fields, where, baseDir));
    }
    return accounts;
  }

  private static List<AccountSpec> fromJson(String text, String name, Path baseDir)
      throws ConfigException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      // Only the location: Jackson's message quotes the offending text.
      var at = e.getLocation();
      throw new ConfigException(
          name
              + ": not valid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    }
    if (!root.isArray()) {
      throw new ConfigException(name + ": expected a JSON array of objects");
    }
    List<AccountSpec> accounts = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      String where = name + " [" + i + "]";
      JsonNode entry = root.get(i);
      if (!entry.isObject()) {
        throw new ConfigException(where + ": not an object");
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        checkKey(field.getKey(), where, "key");
        JsonNode value = field.getValue();
        if (!value.isTextual() && !value.isNull()) {
          throw new ConfigException(where + ": " + field.getKey() + " must be a string");
        }
        fields.put(field.getKey(), value.isNull() ? "" : value.asText().strip());
      }
      accounts.add(spec(fields, where, baseDir));
    }
    return accounts;
  }

  private static void checkKey(String key, String where, String kind) throws ConfigException {
    if (!FIELDS.contains(key)) {
      throw new ConfigException(
          where
              + ": unknown "
              + kind
              + " '"
              + key.replaceAll("\\p{Cntrl}", "?")
              + "' (known: "
              + String.join(", ", FIELDS)
              + ")");
    }
  }

  /** The checks both formats share; empty and missing mean the same. */
  private static AccountSpec spec(Map<String, String> fields, String where, Path baseDir)
      throws ConfigException {
    String account = required(fields, "account", where);
    String username = required(fields, "username", where);
    Optional<String> passwordEnv = optional(fields, "password_env");
    Optional<String> passwordFile = optional(fields, "password_file");
    Optional<String> totpEnv = optional(fields, "totp_secret_env");
    if (passwordEnv.isPresent() == passwordFile.isPresent()) {
      throw new ConfigException(
          where
              + ": "
              + (passwordEnv.isPresent()
                  ? "password_env and password_file both given; use one"
                  : "password_env or password_file is required"));
    }
    checkEnvName(passwordEnv, "password_env", where);
    checkEnvName(totpEnv, "totp_secret_env", where);
    return new AccountSpec(
        account,
        username,
        passwordEnv,
        passwordFile.map(f -> baseDir.resolve(f).normalize()),
        totpEnv,
        where);
  }

  private static String required(Map<String, String> fields, String key, String where)
      throws ConfigException {
    return optional(fields, key)
        .orElseThrow(() -> new ConfigException(where + ": " + key + " is required"));
  }

  private static Optional<String> optional(Map<String, String> fields, String key) {
    return Optional.ofNullable(fields.get(key)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** The value is not shown: a password in this column is the likeliest mistake. */
  private static void checkEnvName(Optional<String> name, String field, String where)
      throws ConfigException {
    if (name.isPresent() && !ENV_NAME.matcher(name.get()).matches()) {
      throw new ConfigException(
          where + ": " + field + " must name an environment variable (letters, digits and _)");
    }
  }
}
