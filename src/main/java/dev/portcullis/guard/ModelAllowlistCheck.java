package dev.portcullis.guard;

import java.util.List;
import java.util.Set;

/** {@code default.modelWhitelist}: the request's model is one of {@code models}. */
public final class ModelAllowlistCheck implements Check {

  private final Set<String> models;

  ModelAllowlistCheck(List<String> models) {
    this.models = Set.copyOf(models);
  }

  static ModelAllowlistCheck from(CheckParams p) {
    List<String> models = p.strings("models", true);
    if (models.isEmpty()) {
      throw CheckParams.invalid(p.at("models"), "empty", "at least one model");
    }
    return new ModelAllowlistCheck(models);
  }

  @Override
  public CheckOutcome run(GuardSubject subject) {
    String model = subject.model();
    if (model == null) {
      return CheckOutcome.fail("the request names no model");
    }
    return models.contains(model) ? CheckOutcome.pass("model '" + model + "' is allowed")
        : CheckOutcome.fail("model '" + model + "' is not in the allowed list of " + models.size());
  }

  @Override
  public String toString() {
    return "ModelAllowlistCheck" + models;
  }
}
