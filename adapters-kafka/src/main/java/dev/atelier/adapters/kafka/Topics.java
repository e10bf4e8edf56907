package dev.atelier.adapters.kafka;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured topics, and which topic carries each logical stream. */
@Singleton
public class Topics {

    private final Map<String, TopicDefinition> byStream;

    public Topics(List<TopicDefinition> definitions) {
        this.byStream = definitions.stream()
                .collect(Collectors.toUnmodifiableMap(TopicDefinition::getStream, Function.identity()));
    }

    public String topicFor(String stream) {
        TopicDefinition definition = byStream.get(stream);
        if (definition == null) {
            throw new IllegalStateException("no topic is configured for stream '" + stream
                    + "'; declare it under atelier.messaging.topics." + stream);
        }
        return definition.getName();
    }

    public Collection<TopicDefinition> all() {
        return byStream.values();
    }
}
