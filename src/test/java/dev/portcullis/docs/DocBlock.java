package dev.portcullis.docs;

/**
 * One ```bash block of a page, with what the page says about it.
 *
 * @param line the line of the block's opening fence, counted from 1
 * @param code the commands
 * @param markers the doc-test comment above it, or {@link DocMarkers#NONE}
 * @param answer the ```json block the page shows after it, or null
 * @param answerLine the line of that block's opening fence, or 0
 */
record DocBlock(int line, String code, DocMarkers markers, JsonShape answer, int answerLine) {

  DocBlock withAnswer(JsonShape shown, int shownLine) {
    return new DocBlock(line, code, markers, shown, shownLine);
  }
}
