package dev.portcullis.mock;

/** The bytes {@code POST /v1/audio/speech} answers: an ID3 tag and one silent MPEG-1 Layer III frame. */
final class SpeechAudio {

  static final byte[] MP3 = mp3();

  private SpeechAudio() {}

  private static byte[] mp3() {
    byte[] id3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0};
    // 128 kbit/s, 44.1 kHz, no padding: 144 * 128000 / 44100 = 417 bytes per frame.
    byte[] frame = new byte[417];
    frame[0] = (byte) 0xFF;
    frame[1] = (byte) 0xFB;
    frame[2] = (byte) 0x90;
    frame[3] = (byte) 0x64;
    byte[] audio = new byte[id3.length + frame.length];
    System.arraycopy(id3, 0, audio, 0, id3.length);
    System.arraycopy(frame, 0, audio, id3.length, frame.length);
    return audio;
  }
}
