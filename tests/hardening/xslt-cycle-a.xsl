<?xml version="1.0" encoding="UTF-8"?>
<!-- An import cycle: a imports b (line 4), b imports a. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="xslt-cycle-b.xsl"/>
</xsl:stylesheet>
