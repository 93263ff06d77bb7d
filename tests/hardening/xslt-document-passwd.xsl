<?xml version="1.0" encoding="UTF-8"?>
<!-- document() on a system file (line 6): refused, the render fails, nothing of it shows. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="phasedoc:approval.xsl"/>
  <xsl:template match="/">
    <xsl:variable name="leak" select="string(document('file:///etc/passwd'))"/>
    <xsl:message>leaked: <xsl:value-of select="$leak"/></xsl:message>
    <xsl:apply-imports/>
  </xsl:template>
</xsl:stylesheet>
