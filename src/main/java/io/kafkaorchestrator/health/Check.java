package io.kafkaorchestrator.health;

/**
 * One check behind a verdict, as shown in the {@code checks} array of a health body.
 *
 * @param observed what was seen: a Boolean, Number, String, or a List/Map of those (rendered as JSON)
 */
public record Check(String name, boolean pass, String reason, Object observed) {
}
