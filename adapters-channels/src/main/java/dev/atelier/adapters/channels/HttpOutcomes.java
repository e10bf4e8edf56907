package dev.atelier.adapters.channels;

import dev.atelier.domain.notifications.DeliveryResult;

/** How an HTTP answer maps to a delivery result: 2xx delivered; 408, 429 and 5xx worth retrying; other 4xx final. */
final class HttpOutcomes {

    private HttpOutcomes() {
    }

    static DeliveryResult of(int status, String what) {
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered(status);
        }
        boolean retryable = status == 408 || status == 429 || status >= 500;
        return DeliveryResult.failed(retryable, status, what);
    }
}
