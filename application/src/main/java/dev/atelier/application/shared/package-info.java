/** What every use case shares: transactions, paging and the errors a use case can end with. */
package dev.atelier.application.shared;
