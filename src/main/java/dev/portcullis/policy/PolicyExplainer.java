package dev.portcullis.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * What the rules in force would decide about a request and what each of its limits has left, as the admin API and
 * {@code portcullis policy explain} show it: {@code decision}, {@code deciding_rule}, {@code matched} (each with
 * why) and {@code limits} (each with {@code remaining} and {@code resets_at}).
 */
public final class PolicyExplainer {

  private final Governance governance;

  public PolicyExplainer(Governance governance) {
    this.governance = governance;
  }

  public Future<ObjectNode> explain(PolicyFacts facts) {
    PolicyDecision decision = governance.snapshot().evaluate(facts);
    List<Future<ObjectNode>> limits = new ArrayList<>();
    for (PolicyRule rule : decision.limits()) {
      limits.add(governance.limits().used(rule, facts).map(used -> JsonNodeFactory.instance.objectNode()
          .put("rule_id", rule.id())
          .<ObjectNode>set("limit", PolicyRuleParser.limitJson(rule.limit()))
          .put("remaining", Math.max(0, rule.limit().units() - used))
          .put("resets_at", rule.limit().per() == Period.NONE ? null : rule.limit().per().end(facts.now())
              .toString())));
    }
    return Future.all(limits).map(done -> {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.put("decision", decision.allowed() ? "allow" : "deny");
      PolicyRule deciding = decision.deciding();
      out.set("deciding_rule", deciding == null ? null : JsonNodeFactory.instance.objectNode()
          .put("id", deciding.id()).put("name", deciding.name()).put("version", deciding.version()));
      out.put("message", decision.message());
      ArrayNode matched = out.putArray("matched");
      for (PolicyRule r : decision.matched()) {
        matched.addObject().put("id", r.id()).put("name", r.name()).put("action", r.action().wireName())
            .put("why", "target " + r.target() + (r.conditions() == null ? "" : " and conditions "
                + r.conditions()) + " match");
      }
      ArrayNode limitList = out.putArray("limits");
      limits.forEach(f -> limitList.add(f.result()));
      return out;
    });
  }
}
