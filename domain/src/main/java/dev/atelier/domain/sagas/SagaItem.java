package dev.atelier.domain.sagas;

/** What inventory must reserve and assembly must build: a stock-keeping unit and a quantity. */
public record SagaItem(String sku, int quantity) {
}
