<?xml version="1.0" encoding="UTF-8"?>
<!-- An import over the network, from a local listener that must see no connection. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="http://127.0.0.1:@PORT@/evil.xsl"/>
</xsl:stylesheet>
