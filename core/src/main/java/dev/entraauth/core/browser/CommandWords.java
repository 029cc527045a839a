package dev.entraauth.core.browser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a POSIX shell does for simple quoting, without expansion of any kind:
 * whitespace separates words; {@code '…'} keeps everything literally; {@code "…"} keeps everything but a backslash
 * before {@code "}, {@code \}, {@code $} or {@code `}; outside quotes a backslash keeps the next character.
 */
final class CommandWords {
    private CommandWords() {
    }

    /**
     * @param line          the command line
     * @param backslashEscapes whether a backslash escapes (POSIX); on Windows it is an ordinary character
     * @return the words
     * @throws IllegalArgumentException on an unterminated quote or a trailing backslash, or when there is no word
     */
    static List<String> split(String line, boolean backslashEscapes) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' quote");
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < line.length()) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (backslashEscapes && d == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        word.append(line.charAt(i + 1));
                        i += 2;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated \" quote");
                }
                inWord = true;
            } else if (backslashEscapes && c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("trailing backslash");
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
        return words;
    }
}
