package dev.atelier.application.notifications;

import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording of every notification, kept in a template file rather than in code; {@code {name}} is
 * replaced by the value of that name, a missing value by an empty string.
 */
public final class NotificationTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private final Properties templates;

    public NotificationTemplates(Properties templates) {
        this.templates = templates;
    }

    public boolean has(String template) {
        return templates.containsKey(template);
    }

    public String render(String template, Map<String, String> values) {
        String text = templates.getProperty(template);
        if (text == null) {
            throw new IllegalArgumentException("no notification template named " + template);
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }
}
