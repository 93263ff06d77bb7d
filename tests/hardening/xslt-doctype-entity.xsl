<?xml version="1.0" encoding="UTF-8"?>
<!-- A stylesheet with an external entity (DOCTYPE on line 3): refused before compiling. -->
<!DOCTYPE xsl:stylesheet [<!ENTITY leak SYSTEM "file:///etc/passwd">]>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="phasedoc:approval.xsl"/>
  <xsl:template match="/"><xsl:message>&leak;</xsl:message><xsl:apply-imports/></xsl:template>
</xsl:stylesheet>
