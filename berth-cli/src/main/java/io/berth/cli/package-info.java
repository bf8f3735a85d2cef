/** The berth CLI: berth NOUN VERB, one command class per command. */
package io.berth.cli;
