package dev.portcullis.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers changes to this process's listeners only, on the publishing thread. */
public final class LocalChangeBus implements ChangeBus {

  private static final Logger LOG = LoggerFactory.getLogger(LocalChangeBus.class);

  private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

  @Override
  public void publish(Change change) {
    for (Consumer<Change> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.error("change listener failed on {}", change, e);
      }
    }
  }

  @Override
  public void subscribe(Consumer<Change> listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    listeners.clear();
  }
}
