package dev.atelier.domain.notifications;

/**
 * What a channel said to one delivery attempt.
 *
 * @param retryable  whether trying again can help (a 5xx, a timeout) or not (a 4xx such as "chat not found")
 * @param statusCode the channel's status code, or 0 where there is none
 */
public record DeliveryResult(boolean delivered, boolean retryable, int statusCode, String error) {

    public static DeliveryResult delivered(int statusCode) {
        return new DeliveryResult(true, false, statusCode, null);
    }

    public static DeliveryResult failed(boolean retryable, int statusCode, String error) {
        return new DeliveryResult(false, retryable, statusCode, error);
    }
}
