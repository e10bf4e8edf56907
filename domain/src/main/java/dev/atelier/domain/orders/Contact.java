package dev.atelier.domain.orders;

import dev.atelier.domain.shared.InvalidValueException;
import dev.atelier.domain.shared.Texts;
import java.net.URI;
import java.net.URISyntaxException;

/** Where the customer wants to hear about the order; every channel is optional. */
public record Contact(String telegramChatId, String phone, String email, String webhookUrl) {

    public static final Contact NONE = new Contact(null, null, null, null);

    public Contact {
        telegramChatId = Texts.optional("contact.telegram_chat_id", telegramChatId, 64);
        phone = Texts.optional("contact.phone", phone, 32);
        email = Texts.optional("contact.email", email, 254);
        webhookUrl = Texts.optional("contact.webhook_url", webhookUrl, 2000);
        if (telegramChatId != null && !telegramChatId.matches("-?\\d+|@[A-Za-z0-9_]{5,}")) {
            throw new InvalidValueException("contact.telegram_chat_id",
                    "telegram_chat_id must be a numeric chat id or an @channel name");
        }
        if (phone != null && !phone.matches("\\+?[0-9 ()-]{6,32}")) {
            throw new InvalidValueException("contact.phone", "phone must be digits, optionally starting with +");
        }
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new InvalidValueException("contact.email", "email is not an e-mail address: " + email);
        }
        if (webhookUrl != null) {
            requireHttpUrl(webhookUrl);
        }
    }

    private static void requireHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidValueException("contact.webhook_url", "webhook_url must be an http(s) URL, got " + url);
        }
    }
}
