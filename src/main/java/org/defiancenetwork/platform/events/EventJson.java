package org.defiancenetwork.platform.events;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Events travel as JSON text, the one payload that both in-memory channels and RabbitMQ carry
 * unchanged (text/plain), whatever the node's build.
 */
@ApplicationScoped
public class EventJson {

    private final ObjectMapper mapper;

    EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + event, e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot decode " + type.getSimpleName() + " from " + json, e);
        }
    }
}
