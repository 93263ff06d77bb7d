<?xml version="1.0" encoding="UTF-8"?>
<!-- document() over the network (line 6), to a local listener that must see no connection. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="phasedoc:approval.xsl"/>
  <xsl:template match="/">
    <xsl:variable name="r" select="document('http://127.0.0.1:@PORT@/data.xml')"/>
    <xsl:message><xsl:value-of select="count($r)"/></xsl:message>
    <xsl:apply-imports/>
  </xsl:template>
</xsl:stylesheet>
