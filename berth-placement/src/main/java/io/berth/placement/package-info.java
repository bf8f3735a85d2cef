/** Pure placement: which agent and which resources for an instance (resources, attributes, Marathon constraints, ranking). */
package io.berth.placement;
