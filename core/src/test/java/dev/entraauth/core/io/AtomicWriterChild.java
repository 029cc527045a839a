package dev.entraauth.core.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A child process for {@link SecureFilesKillTest}: rewrites one file forever, alternating two documents. */
public final class AtomicWriterChild {
    private AtomicWriterChild() {
    }

    /**
     * @param args the target file, document A, document B
     * @throws Exception when writing fails
     */
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        byte[][] documents = {args[1].getBytes(StandardCharsets.UTF_8), args[2].getBytes(StandardCharsets.UTF_8)};
        for (int i = 0; ; i++) {
            SecureFiles.writeAtomically(target, documents[i % 2]);
        }
    }
}
