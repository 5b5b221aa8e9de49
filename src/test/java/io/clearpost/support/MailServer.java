package io.clearpost.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * GreenMail, a real SMTP server, in the test JVM on the port {@link TestPorts} chose ({@code test.port.smtp}), which
 * {@link MailTestContext} points {@code spring.mail.*} at. Started and stopped by the tests: stopped, it is an
 * SMTP outage.
 */
public final class MailServer {

    private static GreenMail server;

    private MailServer() {
    }

    public static synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(TestPorts.of(TestPorts.SMTP), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    /** An outage: the port refuses connections until {@link #start()}; what was received is forgotten. */
    public static synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Every message received since the last start, to the address. */
    public static synchronized List<MimeMessage> to(String address) {
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages()).filter(m -> recipient(m).equalsIgnoreCase(address)).toList();
    }

    /** Waits (at most 20 s) for a message to the address that matches, and returns it. */
    public static MimeMessage await(String address, Predicate<MimeMessage> which) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> to(address).stream().filter(which).findFirst().orElse(null), m -> m != null);
    }

    public static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/plain part (or the HTML part with {@code html}) of a multipart/alternative message. */
    public static String body(MimeMessage message, boolean html) {
        try {
            Multipart parts = (Multipart) message.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                Part part = parts.getBodyPart(i);
                if (part.isMimeType(html ? "text/html" : "text/plain")) {
                    return (String) part.getContent();
                }
            }
            throw new AssertionError("no " + (html ? "HTML" : "text") + " part");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(MimeMessage message) {
        return body(message, false);
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
