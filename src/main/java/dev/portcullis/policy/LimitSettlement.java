package dev.portcullis.policy;

import dev.portcullis.observe.CallView;
import dev.portcullis.observe.RequestListener;
import dev.portcullis.observe.RequestRecord;

/**
 * Settles each call's limits when it ends: its tokens go to token limits, its real cost replaces the reserved
 * worst case in budgets, and a call that failed or was cancelled (no usage, so no cost) gives its reservation back.
 */
public final class LimitSettlement implements RequestListener {

  /** Where the policy stage leaves a call's reservation. */
  public static final CallView.AttachmentKey<Reservation> RESERVATION = new CallView.AttachmentKey<>("reservation");

  private final Limits limits;

  public LimitSettlement(Limits limits) {
    this.limits = limits;
  }

  @Override
  public void ended(CallView call, RequestRecord record) {
    Reservation reservation = call.attachment(RESERVATION);
    if (reservation == null) {
      return;
    }
    long tokens = record.totalTokens() == null ? 0 : record.totalTokens();
    long cost = record.costUsd() == null ? 0 : Price.micros(record.costUsd());
    limits.settle(reservation, tokens, cost);
  }
}
