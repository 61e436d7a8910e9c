package dev.portcullis.observe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of {@link AuditTrail#verify}: whether the chain is intact and, when it is not, the first entry that is
 * wrong and why.
 *
 * @param checked how many entries were read
 * @param headSeq the last seq the chain head records
 * @param headHash the hash the chain head records; publishing it elsewhere lets a later check notice a rewritten tail
 * @param firstBadSeq seq of the first bad entry (or where the missing one should be), or null when valid
 * @param firstBadId id of that entry when it exists, or null
 * @param problem what is wrong with it, or null when valid
 */
public record AuditVerdict(
    boolean valid, long checked, long headSeq, String headHash, Long firstBadSeq, String firstBadId, String problem) {

  static AuditVerdict intact(long checked, long headSeq, String headHash) {
    return new AuditVerdict(true, checked, headSeq, headHash, null, null, null);
  }

  /** The verdict as the admin API and {@code portcullis audit verify} print it: the head always, the first bad entry when broken. */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("valid", valid);
    out.put("entries_checked", checked);
    out.put("head_seq", headSeq);
    out.put("head_hash", headHash);
    if (!valid) {
      Map<String, Object> bad = new LinkedHashMap<>();
      bad.put("seq", firstBadSeq);
      bad.put("id", firstBadId);
      bad.put("problem", problem);
      out.put("first_bad_entry", bad);
    }
    return out;
  }

  static AuditVerdict broken(long checked, long headSeq, String headHash, long seq, String id, String problem) {
    return new AuditVerdict(false, checked, headSeq, headHash, seq, id, problem);
  }
}
