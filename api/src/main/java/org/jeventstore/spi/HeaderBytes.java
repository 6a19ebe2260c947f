package org.jeventstore.spi;

/**
 * The copy a record keeps of header bytes handed to it. Most commits and events have no headers: their bytes
 * are {@code {}}, and every record keeps one shared array for them instead of a copy of its own. The shared
 * array never leaves this package (the records' accessors hand out copies), so no one can change it.
 */
final class HeaderBytes {

    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private HeaderBytes() {
    }

    static byte[] copyOf(byte[] json) {
        if (json.length == 2 && json[0] == '{' && json[1] == '}') {
            return EMPTY_OBJECT;
        }
        return json.clone();
    }
}
