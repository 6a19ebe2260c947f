package org.jeventstore.cli;

/**
 * Text for a terminal. A store shared with another program can hold ids and type names with any characters (the C#
 * NEventStore takes any string); printed raw, an escape sequence would rewrite the screen, a carriage return
 * overwrite the line and a right-to-left override reverse what follows. So the human-readable output shows
 * control characters (C0, DEL, C1), format characters (bidirectional overrides, zero-width ones) and the line and
 * paragraph separators as {@code \}{@code uXXXX}, as Java writes them. {@code --json} output keeps the text exact,
 * escaped as JSON escapes it.
 */
final class Printable {

    private Printable() {
    }

    static String of(String text) {
        int first = 0;
        while (first < text.length() && !hidden(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (hidden(c)) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }

    private static boolean hidden(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
