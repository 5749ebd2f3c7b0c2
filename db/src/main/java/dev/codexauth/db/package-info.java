/**
 * The schema and its migration: Flyway SQL scripts under {@code db/migration} and the migrator that the server runs
 * once per start. No business logic lives here.
 */
package dev.codexauth.db;
