package dev.portcullis.server;

import dev.portcullis.observe.RequestListener;
import dev.portcullis.time.GatewayClock;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a gateway runs with beyond its settings: the clock all its time comes from, listeners that hear every call
 * besides the built-in ones, and stages that run just before Execute (one instance per event loop, made by the
 * supplier). The built-in features use the same two interfaces.
 */
record Extensions(GatewayClock clock, List<RequestListener> listeners, List<Supplier<Stage>> stages) {

  static final Extensions NONE = new Extensions(GatewayClock.system(), List.of(), List.of());

  Extensions {
    listeners = List.copyOf(listeners);
    stages = List.copyOf(stages);
  }
}
