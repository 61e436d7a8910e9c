package dev.portcullis.ui;

/** The admin API refused a read a page needs: its status and message, shown as the page's answer. */
final class AdminRefusal extends RuntimeException {

  private final int status;

  AdminRefusal(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
