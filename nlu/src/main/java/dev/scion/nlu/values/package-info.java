/**
 * Value normalizers: slot text to values a business system can use. Dates become ISO dates
 * (relative expressions resolved against a given today), counts become integers, prices become an
 * amount and a currency, stays become a number of nights. English and Chinese.
 */
package dev.scion.nlu.values;
