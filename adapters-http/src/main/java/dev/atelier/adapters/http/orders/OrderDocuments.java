package dev.atelier.adapters.http.orders;

import dev.atelier.domain.orders.Contact;
import dev.atelier.domain.orders.Order;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON documents of the orders API (snake_case on the wire). */
final class OrderDocuments {

    private OrderDocuments() {
    }

    record PlaceOrderRequest(String customerId, String currency, List<ItemRequest> items, ContactDocument contact) {
    }

    record ItemRequest(String designId, String sku, Integer quantity, BigDecimal unitPrice) {
    }

    record CancelRequest(String reason) {
    }

    record ContactDocument(String telegramChatId, String phone, String email, String webhookUrl) {

        Contact toContact() {
            return new Contact(telegramChatId, phone, email, webhookUrl);
        }

        static ContactDocument of(Contact contact) {
            return new ContactDocument(contact.telegramChatId(), contact.phone(), contact.email(), contact.webhookUrl());
        }
    }

    record ItemDocument(UUID designId, String sku, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }

    record OrderDocument(UUID id, String customerId, String status, String currency, BigDecimal total,
                         List<ItemDocument> items, ContactDocument contact, boolean cancellationRequested, String reason,
                         long version, Instant createdAt, Instant updatedAt) {

        static OrderDocument of(Order order) {
            return new OrderDocument(order.id().value(), order.customer().value(), order.status().wireName(),
                    order.total().currency(), order.total().amount(),
                    order.lines().stream().map(line -> new ItemDocument(line.designId().value(), line.sku(),
                            line.quantity(), line.unitPrice().amount(), line.lineTotal().amount())).toList(),
                    ContactDocument.of(order.contact()), order.cancellationRequested(), order.reason(), order.version(),
                    order.createdAt(), order.updatedAt());
        }
    }
}
