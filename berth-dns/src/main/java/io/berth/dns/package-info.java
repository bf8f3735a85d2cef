/** Service discovery: pure RecordGenerator (image to records), DNS server (UDP/TCP), forwarder, Mesos-DNS HTTP API. */
package io.berth.dns;
