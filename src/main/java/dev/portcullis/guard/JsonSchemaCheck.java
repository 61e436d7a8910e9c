package dev.portcullis.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * {@code default.jsonSchema}: the JSON in the last message or answer (see {@link JsonText}) is valid against
 * {@code schema} (JSON Schema draft 2020-12 unless the schema's {@code $schema} names another; networknt's
 * validator, compiled once with the config). Text without JSON fails; the explanation names the first violations.
 */
public final class JsonSchemaCheck implements Check {

  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final int SHOWN = 3;

  private final Schema schema;

  JsonSchemaCheck(Schema schema) {
    this.schema = schema;
  }

  static JsonSchemaCheck from(CheckParams p) {
    JsonNode schema = p.get("schema");
    if (schema == null || !(schema.isObject() || schema.isBoolean())) {
      throw CheckParams.invalid(p.at("schema"), schema == null ? "missing" : CheckParams.describe(schema),
          "a JSON Schema object");
    }
    try {
      Schema compiled = REGISTRY.getSchema(schema.toString(), InputFormat.JSON);
      compiled.initializeValidators();
      return new JsonSchemaCheck(compiled);
    } catch (RuntimeException e) {
      throw CheckParams.invalid(p.at("schema"), "not a usable JSON Schema (" + e.getMessage() + ")",
          "a JSON Schema object");
    }
  }

  @Override
  public CheckOutcome run(GuardSubject subject) {
    JsonNode json = JsonText.find(subject.lastText());
    if (json == null) {
      return CheckOutcome.fail("no JSON found in the text");
    }
    List<Error> errors = schema.validate(json.toString(), InputFormat.JSON);
    if (errors.isEmpty()) {
      return CheckOutcome.pass("the JSON is valid against the schema");
    }
    StringBuilder out = new StringBuilder(errors.size() + " violations: ");
    for (int i = 0; i < Math.min(SHOWN, errors.size()); i++) {
      out.append(i == 0 ? "" : "; ").append(errors.get(i).getInstanceLocation()).append(' ')
          .append(errors.get(i).getKeyword());
    }
    return CheckOutcome.fail(out.toString());
  }

  @Override
  public String toString() {
    return "JsonSchemaCheck";
  }
}
