package dev.portcullis.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.routing.config.RoutingConfigParser;
import dev.portcullis.routing.config.RoutingPlan;
import dev.portcullis.routing.saved.SavedConfigs;
import io.vertx.core.Future;

/**
 * Turns a {@code -config} header into a plan: inline JSON is parsed once per distinct text and remembered; anything
 * else is the id of a saved config of the caller's workspace.
 */
public final class PlanSource {

  private final SavedConfigs saved;
  private final Cache<String, RoutingPlan> inline = Caffeine.newBuilder().maximumSize(1_000).build();

  public PlanSource(SavedConfigs saved) {
    this.saved = saved;
  }

  /**
   * @param header the header's name as the caller wrote it, for error messages
   */
  public Future<RoutingPlan> plan(String config, String workspaceId, String header) {
    if (config.startsWith("{")) {
      try {
        return Future.succeededFuture(inline.get(config, RoutingConfigParser::parse));
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
    return saved.plan(config, workspaceId, header);
  }
}
